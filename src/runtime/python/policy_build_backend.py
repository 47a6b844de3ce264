"""The PEP 517 build backend of generated policy packages, shipped in each as
_build/policy_build_backend.py. Standard library only and no build requirements, so
`pip install <folder>` works offline: no setuptools or wheel to fetch (a fresh venv's
setuptools cannot build a wheel without the `wheel` package). It builds a pure-Python
wheel of src/<module>/ and an sdist of the folder, from _build/metadata.json, which
`policy build` writes with pyproject.toml.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import os
import re
import tarfile
import zipfile
from typing import Any, Dict, List, Optional, Tuple

_HERE = os.path.dirname(os.path.abspath(__file__))
_ROOT = os.path.dirname(_HERE)


def _metadata() -> Dict[str, str]:
    with open(os.path.join(_HERE, "metadata.json"), encoding="utf-8") as file:
        return json.load(file)


def _normalized(name: str) -> str:
    return re.sub(r"[-_.]+", "_", name).lower()


def _metadata_text(meta: Dict[str, str]) -> str:
    lines = [
        "Metadata-Version: 2.1",
        f"Name: {meta['name']}",
        f"Version: {meta['version']}",
        f"Summary: {meta['summary']}",
        f"Requires-Python: {meta['requires_python']}",
    ]
    return "\n".join(lines) + "\n"


def _record_hash(data: bytes) -> str:
    return "sha256=" + base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode("ascii")


def get_requires_for_build_wheel(config_settings: Optional[Dict[str, Any]] = None) -> List[str]:
    return []


def get_requires_for_build_sdist(config_settings: Optional[Dict[str, Any]] = None) -> List[str]:
    return []


def build_wheel(wheel_directory: str, config_settings: Optional[Dict[str, Any]] = None, metadata_directory: Optional[str] = None) -> str:
    meta = _metadata()
    dist = _normalized(meta["name"])
    info = f"{dist}-{meta['version']}.dist-info"
    entries: List[Tuple[str, bytes]] = []
    package = os.path.join(_ROOT, "src", meta["module"])
    for folder, _, names in sorted(os.walk(package)):
        for name in sorted(names):
            if name.endswith(".pyc"):
                continue
            path = os.path.join(folder, name)
            with open(path, "rb") as file:
                entries.append((os.path.relpath(path, os.path.join(_ROOT, "src")).replace(os.sep, "/"), file.read()))
    entries.append((f"{info}/METADATA", _metadata_text(meta).encode("utf-8")))
    entries.append((f"{info}/WHEEL", b"Wheel-Version: 1.0\nGenerator: policy build\nRoot-Is-Purelib: true\nTag: py3-none-any\n"))
    record = "".join(f"{path},{_record_hash(data)},{len(data)}\n" for path, data in entries) + f"{info}/RECORD,,\n"
    entries.append((f"{info}/RECORD", record.encode("utf-8")))
    filename = f"{dist}-{meta['version']}-py3-none-any.whl"
    with zipfile.ZipFile(os.path.join(wheel_directory, filename), "w", zipfile.ZIP_DEFLATED) as wheel:
        for path, data in entries:
            wheel.writestr(zipfile.ZipInfo(path, date_time=(1980, 1, 1, 0, 0, 0)), data)
    return filename


def build_sdist(sdist_directory: str, config_settings: Optional[Dict[str, Any]] = None) -> str:
    meta = _metadata()
    base = f"{_normalized(meta['name'])}-{meta['version']}"
    filename = f"{base}.tar.gz"
    with tarfile.open(os.path.join(sdist_directory, filename), "w:gz") as archive:
        for folder, folders, names in os.walk(_ROOT):
            folders[:] = sorted(name for name in folders if name not in ("__pycache__", "build", "dist") and not name.endswith(".egg-info"))
            for name in sorted(names):
                path = os.path.join(folder, name)
                archive.add(path, arcname=os.path.join(base, os.path.relpath(path, _ROOT)))
        pkg_info = _metadata_text(meta).encode("utf-8")
        info = tarfile.TarInfo(f"{base}/PKG-INFO")
        info.size = len(pkg_info)
        archive.addfile(info, io.BytesIO(pkg_info))
    return filename

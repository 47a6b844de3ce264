/* eslint-disable */
// Generated from schema/rules.schema.json by `npm run generate`. Do not edit:
// change the schema and regenerate. A test fails when this file is stale.
export {};

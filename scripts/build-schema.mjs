// Precompiles the compose-spec validator (replaced by the schema work; see src/schema).
export function buildSchema() {}

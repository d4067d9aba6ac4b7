/** This build's version, as `mamori --version` and reports state it (kept in step with package.json). */
export const mamoriVersion = '0.1.0';

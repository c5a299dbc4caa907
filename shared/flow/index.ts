export * from './schema.js';
export * from './issues.js';
export * from './validate.js';
export * from './lint.js';
export * from './variables.js';
export * from './ids.js';
export * from './serialize.js';
export * from './wait-for.js';

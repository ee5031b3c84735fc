export * from './organizations.ts';
export * from './programs.ts';
export * from './reference.ts';
export * from './accounts.ts';
export * from './recommendations.ts';
export * from './clearance.ts';
export * from './data-generation.ts';
export * from './sign-in-failures.ts';

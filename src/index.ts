export * from './secure-cognito-api';
export * from './secure-cognito-api-props';
export * from './app-client';
export * from './auth-domain';
export * from './options';
export * from './route';
export * from './api-domain';
export * from './security-profile';

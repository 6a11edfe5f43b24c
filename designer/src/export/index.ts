export * from './templateFile';
export * from './n8nWorkflow';
export * from './importFile';

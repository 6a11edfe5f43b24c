export * from './callEvent';
export * from './sequenceTemplate';
export * from './closureOn';
export * from './holidayClosures';
export * from './pastClosures';
export * from './describeSchemaIssue';
export * from './stepLabel';

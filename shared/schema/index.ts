export * from './callEvent';
export * from './sequenceTemplate';

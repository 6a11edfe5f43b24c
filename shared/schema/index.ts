export * from './callEvent';
export * from './sequenceTemplate';
export * from './closureOn';
export * from './holidayClosures';
export * from './pastClosures';

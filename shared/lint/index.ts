export * from './codes';
export * from './lintSequenceTemplate';
export * from './placeholders';
export * from './stepOffsets';
export * from './textChecks';
export * from './textSimilarity';
export * from './types';
export * from './validateSequence';

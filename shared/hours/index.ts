export { formatNextOpening, clockTime } from './formatNextOpening';
export { businessSendWindow, stepBusinessWindow } from './businessSendWindow';
export { isOpenAt } from './isOpenAt';
export { nextOpeningAt, NEXT_OPENING_SEARCH_DAYS } from './nextOpeningAt';
export { nextOpeningText } from './nextOpeningText';
export { hasNoHours, isAlwaysOpen, openingRanges } from './openingRanges';
export type { BusinessHours, OpeningHours } from './types';
export { wallClock, weekdayOfDay, type WallClock } from './wallClock';

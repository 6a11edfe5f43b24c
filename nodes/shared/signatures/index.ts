export { verifyTwilio, twilioSignature, twilioStringToSign } from './verifyTwilio';
export { verifyAircall } from './verifyAircall';
export { verifyDialpad } from './verifyDialpad';
export { verifyVonage } from './verifyVonage';
export { verifyZoom, zoomUrlValidationResponse } from './verifyZoom';
export { verifyRingCentral, ringCentralHandshake } from './verifyRingCentral';
export { verifyHs256Jwt, type Hs256Result } from './verifyHs256Jwt';
export { safeEqual, hmacSha256Hex, sha256Hex } from './crypto';
export {
  CLOCK_SKEW_SECONDS,
  DEFAULT_MAX_AGE_SECONDS,
  type SignedRequest,
  type VerifyFailureCode,
  type VerifyOptions,
  type VerifyResult,
} from './types';

/** Ensemble bundles: create, verify, open and sign (see docs/BUNDLES.md). */
export { createBundle } from './create-bundle';
export { generateBundleKey } from './keygen';
export { openBundle, openBundleToTemp, verifyBundle, verificationError } from './open-bundle';

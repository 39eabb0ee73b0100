export { privacyKeys, PrivacyKeyError, type PrivacyKeys } from './PrivacyKeys';
export { keyedHash, HASH_VERSION } from './keyedHash';
export { encryptPhone, decryptPhone } from './phoneCipher';
export { maskPhone, maskIdNumber, maskName, maskEmail } from './mask';

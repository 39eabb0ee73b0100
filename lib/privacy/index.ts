export { privacyKeys, PrivacyKeyError, type PrivacyKeys } from './PrivacyKeys';
export { keyedHash, HASH_VERSION } from './keyedHash';
export { hashToBytes, HASH_BYTES_LENGTH } from './hashBytes';
export { encryptText, decryptText } from './textCipher';
export { sealFields, unsealFields } from './sealedFields';
export { maskPhone, maskIdNumber, maskName, maskEmail, maskPersonalText } from './mask';

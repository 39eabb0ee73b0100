export { parseIdNumber, normaliseIdNumber, idCheckChar, isValidBirthDate, PROVINCE_NAMES, ID_NUMBER_REASONS } from './idNumber';
export type { IdNumberResult, IdNumberErrorCode } from './idNumber';
export { parseMobilePhone, normaliseMobilePhone, isFakePattern, isPlaceholder, isVanityPattern, MOBILE_PHONE_REASONS } from './mobilePhone';
export type { MobilePhoneResult, MobilePhoneErrorCode, MobilePhoneOptions, Carrier } from './mobilePhone';
export { parseEmail, normaliseEmail, EMAIL_REASONS } from './email';
export type { EmailResult, EmailErrorCode, EmailOptions } from './email';
export { parseWechatId, normaliseWechatId } from './wechatId';
export type { WechatIdResult } from './wechatId';

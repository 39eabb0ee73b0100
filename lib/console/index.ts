export { handleConsoleRequest } from './handleConsoleRequest';
export type { ConsoleContext, ConsoleRequest, ConsoleResponse, UploadedFile } from './ConsoleRequest';
export { SESSION_COOKIE, DEFAULT_COOKIE_PATH } from './cookies';
export { OPS, type OpName } from './api/contract';
export { ensureConsoleAdmin } from './ensureConsoleAdmin';
export type { ConsoleSend } from './consoleSend';
export { answerSend, type PushReport } from './answerSend';
export { errorResponse } from './errorResponse';
export { isPlainAnswer } from './responseHeaders';

export { DomainError, isDomainError } from './DomainError';

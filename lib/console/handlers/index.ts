import type { OpName } from '../api/contract';
import type { Operation } from '../operation';
import { auditOps } from './auditOps';
import { blacklistOps } from './blacklistOps';
import { boardOps } from './boardOps';
import { configurationOps } from './configOps';
import { importOps } from './importOps';
import { institutionOps } from './institutionOps';
import { leadBoardOps } from './leadBoardOps';
import { leadOps } from './leadOps';
import { monitorOps } from './monitorOps';
import { optOutOps } from './optOutOps';
import { pushOps } from './pushOps';
import { qualityOps } from './qualityOps';
import { roiOps } from './roiOps';
import { sessionOps } from './sessionOps';
import { staffOps } from './staffOps';

/** Every operation of the contract, by name (the type holds it to OPS: none missing, none extra). */
export const OPERATIONS: Readonly<Record<OpName, Operation>> = {
	...sessionOps,
	...staffOps,
	...leadOps,
	...importOps,
	...blacklistOps,
	...optOutOps,
	...institutionOps,
	...monitorOps,
	...configurationOps,
	...pushOps,
	...boardOps,
	...auditOps,
	...qualityOps,
	...leadBoardOps,
	...roiOps,
};

// The demo SMS / call gateway `npm start` runs beside n8n: the package's reference
// implementation of the gateway contract (docs/gateway-openapi.yaml), checking signatures and
// idempotency keys. It sends nothing anywhere: it prints each message it accepts (the phone
// masked) and keeps a log in the user folder, so the board's batch SMS can be tried end to end.
import * as fs from 'node:fs';
import * as path from 'node:path';

import { requireBuilt } from './builtPackage';
import type { StartConfig } from './config';
import { say } from './say';
import type { Secrets } from './secrets';

export async function startDemoGateway(config: StartConfig, secrets: Secrets) {
	const { ReferenceGateway } = requireBuilt(config, 'lib/outreach');
	const { maskPhone } = requireBuilt(config, 'lib/privacy');
	const logFile = path.join(config.userFolder, 'demo-gateway.log');
	const gateway = await ReferenceGateway.start({
		port: config.demoGatewayPort,
		apps: { [config.demoGatewayAppId]: secrets.gatewaySecret },
		onMessage: (message) => {
			const line = `${new Date(message.at).toISOString()} ${message.channel} → ${maskPhone(message.to)} template ${message.templateId} key ${message.idempotencyKey}`;
			fs.appendFileSync(logFile, `${line}\n`);
			say.detail(`demo gateway: ${line}`);
		},
	});
	say.step(`Demo outreach gateway on ${gateway.url} (log: ${logFile}).`);
	return gateway;
}

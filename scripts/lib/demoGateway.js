'use strict';
// The demo SMS / call gateway `npm start` runs beside n8n: the package's reference
// implementation of the gateway contract (docs/gateway-openapi.yaml), checking signatures and
// idempotency keys. It sends nothing anywhere: it prints each message it accepts (the phone
// masked) and keeps a log in the user folder, so the board's batch SMS can be tried end to end.
const fs = require('node:fs');
const path = require('node:path');
const { say } = require('./say');

async function startDemoGateway(config, secrets) {
	const { ReferenceGateway } = require(path.join(config.repoRoot, 'dist', 'lib', 'outreach', 'referenceGateway.js'));
	const { maskPhone } = require(path.join(config.repoRoot, 'dist', 'lib', 'privacy'));
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

module.exports = { startDemoGateway };

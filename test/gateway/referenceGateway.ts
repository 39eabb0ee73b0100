// The reference gateway ships in lib/outreach (npm start runs it as the demo gateway); tests use it from here.
export * from '../../lib/outreach/referenceGateway';

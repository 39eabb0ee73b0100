// Types for packageTarball.js.
import type { InstanceConfig } from './n8nInstance';

export function buildAndPack(config: InstanceConfig, destDir: string, logFile: string): Promise<string>;
export function installTarball(config: InstanceConfig, tarball: string, logFile: string): Promise<string>;

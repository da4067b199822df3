// The processes and ports that the proxy's tests and the bench both need, started on 127.0.0.1
// and stopped by whoever started them.
export { freePort } from './free-port.ts';
export {
  denoBinary,
  nodeStartFlags,
  type ProcessRuntime,
  type ProxyProcess,
  proxyDir,
  runProxy,
  runtimeCommands,
  startProxy,
} from './proxy-process.ts';
export { type RedisCluster, startRedisCluster } from './redis-cluster.ts';
export { type RedisServer, startRedis } from './redis-server.ts';

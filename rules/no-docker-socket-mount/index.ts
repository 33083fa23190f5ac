import { defineRule, type Report } from '../../src/engine/rule.js';
import { hostMounts, inheritedMounts, inheritedVia, resourceFiles, volumeDevice } from '../../src/hardening/mounts.js';
import { isControlSocket, isControlSocketDirectory, isHostRoot } from '../../src/hardening/paths.js';
import { knownRepository } from '../../src/graph/datastore.js';
import { isSocketProxyRepository } from '../../src/hardening/image.js';
import { get, isMap } from '../../src/model/node.js';

export const noDockerSocketMount = defineRule({
  meta: {
    id: 'no-docker-socket-mount',
    title: 'Do not mount the Docker (or Podman, containerd) control socket',
    description:
      'Whoever can talk to the container engine\'s socket can start a privileged container with the host\'s root filesystem mounted: mounting `/var/run/docker.sock` (or a Podman, containerd or CRI-O socket, or the Windows `docker_engine` pipe) hands the container root on the host, read-only or not. Reported for bind mounts in short and long syntax, also when a variable gives the directory (`$XDG_RUNTIME_DIR/docker.sock`, rootless Docker), the directories that hold the sockets (`/var/run`, `/run`, `/run/containerd`, `/run/user/1000`) and the host\'s root `/` (bind mounts are recursive, so `/run` comes with it; monitoring agents such as cAdvisor and node-exporter mount it and can indeed drive the engine), named volumes whose `driver_opts.device` binds the socket, a top-level secret or config whose `file:` is the socket, and a service that takes them through `volumes_from: [svc]` (reported at that item, naming svc). A socket proxy (`tecnativa/docker-socket-proxy`, `linuxserver/socket-proxy`, `wollomatic/socket-proxy`...) mounting the socket is reported with its own message: it is the one audited exception, to keep off public networks, limited to the API calls its clients need, and suppressed with that reason.',
    category: 'hardening',
    severity: 'error',
    securitySeverity: 9.0,
    recommended: true,
    fixable: false,
    messages: {
      socket: 'service "{{service}}"{{via}} mounts the container engine socket {{path}}: it can control the engine and so the host; use a socket proxy that allows only the API calls it needs',
      proxySocket: 'socket proxy "{{service}}" ({{image}}){{via}} mounts the container engine socket {{path}}, as it must: whoever reaches its API can make every call it allows; keep it on an internal network without published ports, allow only the API calls its clients need (mounting the socket :ro does not limit them), and suppress this finding with that reason',
      volumeSocket: 'service "{{service}}"{{via}} mounts volume "{{volume}}", which binds the container engine socket {{path}}: it can control the engine and so the host',
      device: 'volume "{{volume}}" binds the container engine socket {{path}} through driver_opts.device',
      resourceSocket: '{{kind}} "{{name}}" is the container engine socket {{path}}: every service that uses it can control the engine and so the host',
      hostRoot: 'service "{{service}}"{{via}} mounts the host\'s root filesystem, and with it the container engine socket under /run: it can control the engine and so the host, read-only or not; mount only what it needs',
      socketDirectory: 'service "{{service}}"{{via}} mounts {{path}}, the directory that holds the container engine socket: it can control the engine and so the host, read-only or not; mount only what it needs, or use a socket proxy',
    },
    references: [
      'CIS Docker Benchmark v1.6.0 5.31: Ensure that the Docker socket is not mounted inside any containers',
      'OWASP Docker Security Cheat Sheet RULE #1: Do not expose the Docker daemon socket (even to the containers)',
      'KICS: Docker Socket Mounted In Container',
      'semgrep: yaml.docker-compose.security.exposing-docker-socket-volume.exposing-docker-socket-volume',
    ],
    tags: ['security', 'privilege'],
  },
  check({ project, report }) {
    // Volumes that bind the socket and that a service mounts: reported there, each with its service.
    const mountedSocketVolumes = new Set<string>();
    for (const service of project.services) {
      // "Use a socket proxy" is no advice to the proxy itself: it gets its own checklist.
      const repo = knownRepository(service.image);
      const proxy = repo !== undefined && isSocketProxyRepository(repo) ? repo : undefined;
      const socketReport = (path: string, at: Report['at'], via = ''): Report =>
        proxy !== undefined
          ? { messageId: 'proxySocket', data: { service: service.name, image: proxy, path, via }, at, service }
          : { messageId: 'socket', data: { service: service.name, path, via }, at, service };
      // Its own mounts, then those `volumes_from` hands it, reported at that item.
      for (const host of [...hostMounts(project, service.mounts), ...inheritedMounts(project, service)]) {
        const { path, at, volume } = host;
        const via = inheritedVia(host);
        if (!volume && isHostRoot(path)) {
          report({ messageId: 'hostRoot', data: { service: service.name, via }, at, service });
          continue;
        }
        if (!volume && isControlSocketDirectory(path)) {
          report({ messageId: 'socketDirectory', data: { service: service.name, path, via }, at, service });
          continue;
        }
        if (!isControlSocket(path)) continue;
        if (volume) {
          mountedSocketVolumes.add(volume);
          report({ messageId: 'volumeSocket', data: { service: service.name, volume, path, via }, at, service });
        } else report(socketReport(path, at, via));
      }
      // `$XDG_RUNTIME_DIR/docker.sock` (rootless), `${HOME}/.docker/run/docker.sock` (Desktop): whatever
      // the directory, the file named is the engine's socket.
      for (const mount of service.mounts) {
        const path = mount.partialSource;
        if (path !== undefined && isControlSocket(path)) report(socketReport(path, (mount.longSyntax && get(mount.node, 'source')) || mount.node));
      }
    }
    for (const file of resourceFiles(project)) {
      if (isControlSocket(file.path)) report({ messageId: 'resourceSocket', data: { kind: file.kind, name: file.name, path: file.path }, at: file.at });
    }
    // A volume no running service mounts is reported where it binds the socket, ready for the next one.
    for (const [name, declared] of project.volumes) {
      if (!isMap(declared.node) || mountedSocketVolumes.has(name)) continue;
      const device = volumeDevice(project, name);
      if (device && isControlSocket(device.path)) report({ messageId: 'device', data: { volume: name, path: device.path }, at: device.node });
    }
  },
});


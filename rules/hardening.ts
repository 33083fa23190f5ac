/** Container-hardening rules: privilege, isolation, secrets and supply chain, per service. */
import type { Rule } from '../src/engine/rule.js';
import { noCgroupParent } from './no-cgroup-parent/index.js';
import { noDangerousCapability } from './no-dangerous-capability/index.js';
import { noDisabledLogging } from './no-disabled-logging/index.js';
import { noDockerSocketMount } from './no-docker-socket-mount/index.js';
import { noHardcodedSecret } from './no-hardcoded-secret/index.js';
import { noHostDevice } from './no-host-device/index.js';
import { noHostNamespace } from './no-host-namespace/index.js';
import { noInsecureTmpfs } from './no-insecure-tmpfs/index.js';
import { noPrivileged } from './no-privileged/index.js';
import { noPrivilegedHostPort } from './no-privileged-host-port/index.js';
import { noRootUser } from './no-root-user/index.js';
import { noSensitiveHostMount } from './no-sensitive-host-mount/index.js';
import { noSharedMountPropagation } from './no-shared-mount-propagation/index.js';
import { noUnauthenticatedDatastore } from './no-unauthenticated-datastore/index.js';
import { noUnauthenticatedAdminInterface } from './no-unauthenticated-admin-interface/index.js';
import { noUnauthenticatedEngineApi } from './no-unauthenticated-engine-api/index.js';
import { noUnconfinedSecurityProfile } from './no-unconfined-security-profile/index.js';
import { requireCapDropAll } from './require-cap-drop-all/index.js';
import { requireHealthcheck } from './require-healthcheck/index.js';
import { requireImageDigest } from './require-image-digest/index.js';
import { requireImageTag } from './require-image-tag/index.js';
import { requireNoNewPrivileges } from './require-no-new-privileges/index.js';
import { requireReadOnlyRootfs } from './require-read-only-rootfs/index.js';
import { requireResourceLimits } from './require-resource-limits/index.js';

export const hardeningRules: Rule[] = [
  // recommended
  noPrivileged,
  noDockerSocketMount,
  noSensitiveHostMount,
  noHostNamespace,
  noDangerousCapability,
  noUnconfinedSecurityProfile,
  requireNoNewPrivileges,
  noSharedMountPropagation,
  noHostDevice,
  noRootUser,
  noHardcodedSecret,
  noUnauthenticatedDatastore,
  noUnauthenticatedEngineApi,
  noUnauthenticatedAdminInterface,
  requireImageTag,
  // strict only
  requireCapDropAll,
  requireReadOnlyRootfs,
  requireResourceLimits,
  requireHealthcheck,
  noCgroupParent,
  noPrivilegedHostPort,
  requireImageDigest,
  noDisabledLogging,
  noInsecureTmpfs,
];

/**
 * TaskManager network memory: the segment size, legacy network buffers (1.10-1.20), the network
 * range, and the check Flink makes when network memory is what remains of total Flink memory.
 */
import type { Conf } from './conf.js';
import { ModelError, configError } from './conf.js';
import type { Trace } from './fractions.js';
import { rangeFraction } from './fractions.js';
import { JavaError, multiplyBytes } from '../primitives/java.js';
import { humanReadable } from '../primitives/memory-size.js';
import { atLeast } from '../primitives/version.js';
import { TM } from './taskmanager-keys.js';

/**
 * `ConfigurationParserUtils.getPageSize`: the segment size must fit an int, be >= 4096 and a power
 * of two.
 */
export function pageSize(conf: Conf): bigint {
  const bytes = conf.memoryOrNull(TM.segmentSize)!;
  const invalid = (reason: string) =>
    configError(
      'invalid-segment-size',
      `Invalid configuration value for ${TM.segmentSize} : ${bytes} - ${reason}`,
      [TM.segmentSize],
    );
  if (bytes > 2147483647n) {
    throw new ModelError(
      'IllegalArgumentException',
      `Cannot downcast long value ${bytes} to integer.`,
      'invalid-segment-size',
      [TM.segmentSize],
    );
  }
  if (bytes < 4096n) throw invalid('Minimum memory segment size is 4096');
  if ((bytes & (bytes - 1n)) !== 0n) throw invalid('Memory segment size must be a power of 2.');
  return bytes;
}

export function legacyNetworkActive(conf: Conf): boolean {
  if (atLeast(conf.version, '2.0')) return false;
  const anyNew =
    conf.contains(TM.networkMin) ||
    conf.contains(TM.networkMax) ||
    conf.contains(TM.networkFraction);
  return !anyNew && conf.contains(TM.numberOfBuffers);
}

export function legacyNetworkSize(conf: Conf): bigint {
  const buffers = BigInt(conf.int(TM.numberOfBuffers)!);
  const size = buffers * pageSize(conf);
  if (size < 0n)
    throw new ModelError('IllegalArgumentException', 'bytes must be >= 0', 'invalid-option-value', [
      TM.numberOfBuffers,
    ]);
  return size;
}

export function networkRange(conf: Conf) {
  return rangeFraction(conf, TM.networkFraction, TM.networkMin, TM.networkMax);
}

/** The network remainder check, wrapped the way Flink wraps it when the remainder disagrees. */
export function checkNetworkRemainder(
  conf: Conf,
  network: bigint,
  totalFlink: bigint,
  trace: Trace,
): void {
  try {
    if (legacyNetworkActive(conf)) {
      const configured = legacyNetworkSize(conf);
      if (configured !== network) {
        throw configError(
          'network-remainder-mismatch',
          `Derived Network Memory size (${humanReadable(network)}) does not match configured Network Memory size (${humanReadable(configured)}).`,
          [TM.numberOfBuffers, TM.segmentSize],
          undefined,
          { network, configured, flink: totalFlink },
        );
      }
      return;
    }
    const r = networkRange(conf);
    if (network > r.max || network < r.min) {
      throw configError(
        'network-out-of-range',
        `Derived Network Memory size (${humanReadable(network)}) is not in configured Network Memory range [${humanReadable(r.min)}, ${humanReadable(r.max)}].`,
        [TM.networkMin, TM.networkMax],
        undefined,
        { network, min: r.min, max: r.max, flink: totalFlink },
      );
    }
    if (conf.contains(TM.networkFraction) && network !== multiplyBytes(totalFlink, r.fraction)) {
      trace.note(
        () =>
          `network: the remainder ${humanReadable(network)} differs from ${TM.networkFraction} x total Flink; the remainder is used`,
      );
    }
  } catch (e) {
    if (e instanceof JavaError && e.exception === 'IllegalConfigurationException') {
      const inner = e instanceof ModelError ? e : undefined;
      throw configError(
        inner?.check === 'invalid-fraction-range'
          ? 'invalid-fraction-range'
          : 'network-remainder-out-of-range',
        'If Total Flink, Task Heap and (or) Managed Memory sizes are explicitly configured then the Network Memory size is the rest of the Total Flink memory after subtracting all other configured types of memory, but the derived Network Memory is inconsistent with its configuration.',
        inner?.keys ?? [TM.networkMin, TM.networkMax],
        e,
        inner?.data ?? {},
      );
    }
    throw e;
  }
}

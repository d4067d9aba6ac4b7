/**
 * Zeek logs about the sensor itself rather than the traffic: their `ts` is Zeek's own clock (its
 * start-up for packet_filter and loaded_scripts, status timers for stats and capture_loss, the
 * moment a message was raised for reporter), so a capture replayed years later would seem to end
 * on the day it was replayed. Time ranges of telemetry leave them out; their rows still count.
 */
export const sensorStatusLogTypes = [
  'packet_filter',
  'loaded_scripts',
  'reporter',
  'capture_loss',
  'stats',
  'stderr',
  'stdout',
  'cluster',
  'broker',
  'config',
  'telemetry',
  'supervisor',
  'print',
] as const;

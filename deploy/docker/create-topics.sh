#!/usr/bin/env bash
# Creates sobamo's topics with the retention DESIGN.md fixes (kept in sync with TopicSpec by ManifestsTest).
set -euo pipefail
bootstrap="$1"
partitions="${PARTITIONS:-3}"
rf="${REPLICATION_FACTOR:-1}"
create() { # name partitions config...
  local name="$1" parts="$2"; shift 2
  local args=()
  for c in "$@"; do args+=(--config "$c"); done
  /opt/kafka/bin/kafka-topics.sh --bootstrap-server "$bootstrap" --create --if-not-exists --topic "$name" \
    --partitions "$parts" --replication-factor "$rf" "${args[@]}"
}
create sobamo.raw.cbs-kwb.v1 "$partitions" cleanup.policy=delete retention.ms=2592000000
create sobamo.raw.iv3.v1 "$partitions" cleanup.policy=delete retention.ms=2592000000
create sobamo.raw.push.v1 "$partitions" cleanup.policy=delete retention.ms=2592000000
create sobamo.raw.cbs-gebieden.v1 "$partitions" cleanup.policy=delete retention.ms=2592000000
create sobamo.raw.rivm.v1 "$partitions" cleanup.policy=delete retention.ms=2592000000
create sobamo.raw.leefbaarometer.v1 "$partitions" cleanup.policy=delete retention.ms=2592000000
create sobamo.ingest.checkpoints.v1 1 cleanup.policy=compact
create sobamo.observations.v1 "$partitions" cleanup.policy=delete retention.ms=-1
create sobamo.reference.areas.v1 "$partitions" cleanup.policy=compact
create sobamo.reference.indicators.v1 "$partitions" cleanup.policy=compact
create sobamo.tables.indicators.v1 "$partitions" cleanup.policy=compact
create sobamo.tables.benchmarks.v1 "$partitions" cleanup.policy=compact
create sobamo.tables.positions.v1 "$partitions" cleanup.policy=compact
create sobamo.tables.districts.v1 "$partitions" cleanup.policy=compact
create sobamo.tables.changes.v1 "$partitions" cleanup.policy=compact
create sobamo.tables.freshness.v1 "$partitions" cleanup.policy=compact
create sobamo.dlq.ingest.v1 1 cleanup.policy=delete retention.ms=7776000000
create sobamo.dlq.normalize.v1 1 cleanup.policy=delete retention.ms=7776000000

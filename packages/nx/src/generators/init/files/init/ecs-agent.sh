#!/bin/bash
# ECS agent settings for short-lived Batch jobs on Spot: drain on the two-minute
# Spot notice, give big images time to pull, and clean images up aggressively
# because instance storage is small.
set -euo pipefail
cat >> /etc/ecs/ecs.config <<'CONFIG'
ECS_ENABLE_SPOT_INSTANCE_DRAINING=true
ECS_CONTAINER_STOP_TIMEOUT=120s
ECS_CONTAINER_START_TIMEOUT=1h
ECS_IMAGE_PULL_BEHAVIOR=prefer-cached
ECS_IMAGE_PULL_INACTIVITY_TIMEOUT=1h
ECS_ENGINE_TASK_CLEANUP_WAIT_DURATION=5m
ECS_ENABLE_UNTRACKED_IMAGE_CLEANUP=true
ECS_IMAGE_CLEANUP_INTERVAL=15m
ECS_IMAGE_MINIMUM_CLEANUP_AGE=30m
ECS_ENABLE_TASK_IAM_ROLE_NETWORK_HOST=true
CONFIG
# Raise the open-file limit for containers (clones and builds open many files).
mkdir -p /etc/systemd/system/docker.service.d
cat > /etc/systemd/system/docker.service.d/compute-ulimits.conf <<'UNIT'
[Service]
LimitNOFILE=1048576
UNIT

#!/bin/bash
# Test environment copy: change this first, try it with
#   nx run compute:deploy --apply && nx run compute:schedule_<name>:batch --environment test
# then carry the change to ../ecs-agent.sh.
# ECS agent settings for short-lived Batch jobs on Spot: drain on the two-minute
# Spot notice, give big images time to pull, and clean images up aggressively
# because instance storage is small. ECS_CONTAINER_STOP_TIMEOUT is the job's grace
# between SIGTERM and SIGKILL, the same as a local run's (JOB_STOP_TIMEOUT_SECONDS).
# Image pulls use the agent's default behaviour: every task pulls (cheap when the
# layers are cached), so a moved tag such as :latest takes effect on long-lived hosts,
# a registry outage falls back to the cached image, and cached images stay subject
# to the clean-up below (prefer-cached would exempt them and keep stale tags).
set -euo pipefail
cat >> /etc/ecs/ecs.config <<'CONFIG'
ECS_ENABLE_SPOT_INSTANCE_DRAINING=true
ECS_CONTAINER_STOP_TIMEOUT=120s
ECS_CONTAINER_START_TIMEOUT=1h
ECS_IMAGE_PULL_BEHAVIOR=default
ECS_IMAGE_PULL_INACTIVITY_TIMEOUT=1h
ECS_ENGINE_TASK_CLEANUP_WAIT_DURATION=5m
ECS_ENABLE_UNTRACKED_IMAGE_CLEANUP=true
ECS_IMAGE_CLEANUP_INTERVAL=15m
ECS_IMAGE_MINIMUM_CLEANUP_AGE=30m
ECS_ENABLE_TASK_IAM_ROLE_NETWORK_HOST=true
CONFIG

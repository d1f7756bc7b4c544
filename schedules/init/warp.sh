#!/bin/bash
# Connect the host to the organisation's network through Cloudflare WARP, so jobs
# on the warp environment reach hosts only reachable there. The connector token is
# read from SSM at boot (the instance role may read exactly this parameter); it is
# never part of the launch template.
set -euo pipefail
# A failed boot script is otherwise silent: say what failed where the EC2 console shows it.
fail() {
  echo "compute warp.sh: $*" | tee /dev/console >&2 || true
  exit 1
}
# The ECS-optimized AL2023 image may come without the AWS CLI.
if ! command -v aws >/dev/null 2>&1; then
  dnf install -y awscli-2 || fail "the AWS CLI is missing and 'dnf install awscli-2' failed"
fi
token=$(aws ssm get-parameter --with-decryption --name /compute/warp/connector-token \
  --query Parameter.Value --output text) ||
  fail "cannot read SSM parameter /compute/warp/connector-token (does it exist, and may the instance role read it?)"
dnf install -y cloudflare-warp || {
  curl -fsSL https://pkg.cloudflareclient.com/cloudflare-warp-ascii.repo -o /etc/yum.repos.d/cloudflare-warp.repo
  dnf install -y cloudflare-warp
}
mkdir -p /var/lib/cloudflare-warp
cat > /var/lib/cloudflare-warp/mdm.xml <<XML
<dict>
  <key>auto_connect</key><integer>1</integer>
  <key>service_mode</key><string>warp</string>
  <key>warp_connector_token</key><string>${token}</string>
</dict>
XML
unset token
systemctl enable --now warp-svc || fail "cannot start warp-svc"

#!/usr/bin/env bash
# Installs what compplan needs to build and test on Debian 12 (as root, or with sudo).
set -euo pipefail
packages=(g++ cmake ninja-build tao-pegtl-dev libfmt-dev libboost-dev catch2 libcli11-dev nlohmann-json3-dev)
missing=()
for p in "${packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y --no-install-recommends "${missing[@]}"
fi

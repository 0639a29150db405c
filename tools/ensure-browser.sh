#!/usr/bin/env bash
# Makes sure the browser test has Debian's Chromium and a CJK font (without it every Chinese
# character renders as a box). Quick and silent when both are there; installs them with apt-get
# otherwise (needs root, as on CI and the developers' machines). No tool downloads its own browser.
set -euo pipefail
need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
fonts="$(fc-list : family 2>/dev/null || true)"
[[ "$fonts" == *"Noto Sans CJK"* ]] || need+=(fonts-noto-cjk)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
  echo "[browser] missing ${need[*]}: run as root: apt-get update && apt-get install -y ${need[*]}" >&2
  exit 1
fi
echo "[browser] installing ${need[*]} with apt-get (first run only)…" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >&2
apt-get install -y -qq "${need[@]}" fontconfig >&2

# Shared helpers of the scripts: sourced, not run.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="/opt/swift/usr/bin:$PATH"

# What the project needs from Debian: libpq (the PostgreSQL client library) and the PostgreSQL server
# the built-in cluster and the tests run.
DEBIAN_PACKAGES=(libpq-dev postgresql pkg-config)
# What the end-to-end test adds: Chromium, its WebDriver (chromedriver) and the fonts its pages are drawn with.
BROWSER_PACKAGES=(chromium chromium-driver fonts-liberation)

# Installs the Debian packages named, when any is missing (apt-get update first: package lists may be stale).
ensure_packages() {
  local missing=()
  for package in "$@"; do
    dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "Installing: ${missing[*]}" >&2
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

require_swift() {
  command -v swift >/dev/null 2>&1 || { echo "swift not found: install the Swift 6 toolchain (see README)" >&2; exit 1; }
}

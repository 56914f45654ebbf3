#!/usr/bin/env bash
# Installs the Debian packages Kindling needs that a fresh machine lacks: Jupyter's clients, nbconvert
# (the demo's HTML pages) and the conformance suite (Debian's python3 packages; Kindling never uses PyPI),
# and fonts for the charts the kernel draws as SVG (AWT measures text with fontconfig). Java 17, Maven and
# the Temurin 25 JDK that local Trino runs on come with the machine image.
set -euo pipefail

packages=(python3-jupyter-client python3-nbclient python3-nbformat python3-nbconvert python3-jupyter-kernel-test jupyter-notebook jupyter-console
          fontconfig fonts-dejavu-core)

missing=()
for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -eq 0 ]; then
    exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then
    sudo="sudo"
fi
echo "Installing Debian packages: ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null

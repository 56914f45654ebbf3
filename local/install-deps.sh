#!/usr/bin/env bash
# Installs the Debian packages Kindling needs that a fresh machine lacks: Jupyter's clients, nbconvert
# (the demo's HTML pages) and the conformance suite (Debian's python3 packages; Kindling never uses PyPI),
# and fonts for the charts the kernel draws as SVG (AWT measures text with fontconfig). Java 17, Maven and
# the Temurin 25 JDK that local Trino runs on come with the machine image.
set -euo pipefail

packages=(python3-jupyter-client python3-nbclient python3-nbformat python3-nbconvert python3-jupyter-kernel-test jupyter-notebook jupyter-console
          fontconfig fonts-dejavu-core)

sudo=""
if [ "$(id -u)" -ne 0 ]; then
    sudo="sudo"
fi

# Shift-Tab shows Javadoc, which JShell reads from the JDK's lib/src.zip. Debian ships it in
# openjdk-17-source, which also pulls the JDK up to its own build: only its src.zip is taken (a later 17
# update documents the same API), put where the JDK's link points.
java_home=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
if [ ! -r "$java_home/lib/src.zip" ] && javac -version 2>&1 | grep -q '^javac 17'; then
    target=$(readlink -m "$java_home/lib/src.zip")
    work=$(mktemp -d)
    echo "Installing the JDK's sources (for Javadoc in the kernel) at $target"
    (cd "$work" && { apt-get download openjdk-17-source >/dev/null 2>&1 \
        || { $sudo apt-get update -qq && apt-get download openjdk-17-source >/dev/null 2>&1; }; }) \
        && dpkg-deb -x "$work"/openjdk-17-source_*.deb "$work/x" \
        && $sudo mkdir -p "$(dirname "$target")" \
        && $sudo cp "$(find "$work/x" -name src.zip | head -1)" "$target" \
        || echo "Could not install the JDK's sources: Shift-Tab shows signatures without Javadoc" >&2
    rm -rf "$work"
fi

missing=()
for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -eq 0 ]; then
    exit 0
fi

echo "Installing Debian packages: ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null

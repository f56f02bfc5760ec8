#!/bin/sh
# Installs WordNet 3.0 (Debian package `wordnet-base`, into /usr/share/wordnet) from the Debian
# package registry. Only needed to regenerate crates/quotes/resources/wordnet-classes.txt with
#   cargo run --release -p dossier-quotes --example wordnet_classes -- /usr/share/wordnet OUT
# The table itself is committed; building, testing and running dossier never need this.
set -eu
if [ -f /usr/share/wordnet/data.verb ]; then
    echo "WordNet already installed in /usr/share/wordnet"
    exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    SUDO="sudo"
fi
$SUDO apt-get update
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends wordnet-base
ls /usr/share/wordnet/data.verb

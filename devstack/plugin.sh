#!/bin/bash
# shellcheck shell=bash
#
# devstack plugin entry point for IoTronic.

# shellcheck source=devstack/lib/iotronic
source "$DEST/iotronic/devstack/lib/iotronic"

if is_service_enabled iotronic; then
    if [[ "$1" == "stack" && "$2" == "install" ]]; then
        echo_summary "Installing IoTronic"
        install_iotronic
    elif [[ "$1" == "stack" && "$2" == "post-config" ]]; then
        echo_summary "Configuring IoTronic"
        configure_iotronic
        create_iotronic_accounts
    elif [[ "$1" == "stack" && "$2" == "extra" ]]; then
        echo_summary "Initializing IoTronic's database and starting it"
        init_iotronic
        start_iotronic
    fi

    if [[ "$1" == "unstack" ]]; then
        stop_iotronic
    fi

    if [[ "$1" == "clean" ]]; then
        cleanup_iotronic
    fi
fi

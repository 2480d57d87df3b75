# bash completion for herald
_herald() {
    local cur prev verb
    cur=${COMP_WORDS[COMP_CWORD]}
    prev=${COMP_WORDS[COMP_CWORD-1]}
    verb=${COMP_WORDS[1]}
    local network="--ca-file -k --insecure --pin-sha256 --client-cert --proxy"
    case $prev in
        --ca-file|--client-cert) COMPREPLY=($(compgen -f -- "$cur")); return ;;
        --preset) COMPREPLY=($(compgen -W "auto raw json ntfy gotify mercure" -- "$cur")); return ;;
        --transport) COMPREPLY=($(compgen -W "auto sse websocket jsonlines polling" -- "$cur")); return ;;
        --show) COMPREPLY=($(compgen -W "history chat feeds settings feed-editor welcome" -- "$cur")); return ;;
        --proxy) COMPREPLY=($(compgen -W "system none http:// socks5://" -- "$cur")); return ;;
        --auth) COMPREPLY=($(compgen -W "bearer basic query" -- "$cur")); return ;;
        --protocol) COMPREPLY=($(compgen -W "plain socketio graphql-ws sockjs mqtt mqtt5" -- "$cur")); return ;;
        --qos) COMPREPLY=($(compgen -W "0 1" -- "$cur")); return ;;
        -X|--method) COMPREPLY=($(compgen -W "GET POST PUT" -- "$cur")); return ;;
    esac
    if ((COMP_CWORD == 1)); then
        COMPREPLY=($(compgen -W "listen connect send feeds run history demo-server help --demo --show --pause --resume --quit --verbose --help --version" -- "$cur"))
        return
    fi
    case $verb in
        listen|connect) COMPREPLY=($(compgen -W "-H --header -X --method -d --data --json --payloads --count --timeout --no-reconnect --last-event-id --h2c --idle-timeout --max-event-size --subprotocol --no-deflate --protocol --namespace --auth --on-open --event --subscribe --variables --topic --qos --client-id --username --retain --publish-topic --keepalive --keepalive-interval --answer --handshake-timeout --preset --publish-url --help $network" -- "$cur")) ;;
        send) COMPREPLY=($(compgen -W "-H --header --subprotocol --protocol --namespace --auth --event --topic --qos --client-id --username --retain --timeout --help $network" -- "$cur")) ;;
        feeds)
            if ((COMP_CWORD == 2)); then
                COMPREPLY=($(compgen -W "list add remove enable disable mute unmute path --help" -- "$cur"))
            elif [[ ${COMP_WORDS[2]} == add ]]; then
                COMPREPLY=($(compgen -W "--preset --transport -H --header --publish-url --auth --user --query-parameter --token-stdin --store-token-in-config --secret-command --poll-interval --reconnect-delay --max-reconnect-delay --no-reconnect --proxy --ca-file --pin-sha256 --client-cert --accept-invalid-certificates --h2c --subprotocol --protocol --namespace --auth-payload --on-open --subscribe --variables --topic --qos --client-id --retain --publish-topic --keepalive --keepalive-interval --answer --help" -- "$cur"))
            elif [[ ${COMP_WORDS[2]} =~ ^(remove|enable|disable|mute|unmute)$ ]]; then
                COMPREPLY=($(compgen -W "$(herald feeds list --json 2>/dev/null | sed -n 's/.*"name":"\([^"]*\)".*/\1/p')" -- "$cur"))
            fi ;;
        run) COMPREPLY=($(compgen -W "--headless --json --exec --help" -- "$cur")) ;;
        history) COMPREPLY=($(compgen -W "--feed --search --unread --limit --json --help" -- "$cur")) ;;
        demo-server) COMPREPLY=($(compgen -W "--port --help" -- "$cur")) ;;
        help) COMPREPLY=($(compgen -W "listen connect send feeds run history demo-server" -- "$cur")) ;;
    esac
}
complete -F _herald herald

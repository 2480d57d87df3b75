# fish completion for herald
set -l verbs listen connect send feeds run history demo-server help
complete -c herald -f
complete -c herald -n "not __fish_seen_subcommand_from $verbs" -a "$verbs"
complete -c herald -n "not __fish_seen_subcommand_from $verbs" -l demo -d 'tray app with the demo server'
complete -c herald -n "not __fish_seen_subcommand_from $verbs" -l show -xa 'history chat feeds settings feed-editor welcome'
complete -c herald -n "not __fish_seen_subcommand_from $verbs" -l pause
complete -c herald -n "not __fish_seen_subcommand_from $verbs" -l verbose -d 'print what Herald does'
complete -c herald -n "not __fish_seen_subcommand_from $verbs" -l resume
complete -c herald -n "not __fish_seen_subcommand_from $verbs" -l quit -d 'quit the running tray app'
for verb in listen connect send
    complete -c herald -n "__fish_seen_subcommand_from $verb" -s H -l header -x -d 'extra request header'
    complete -c herald -n "__fish_seen_subcommand_from $verb" -l ca-file -r -F -d 'trust the CAs in this PEM file'
    complete -c herald -n "__fish_seen_subcommand_from $verb" -s k -l insecure -d 'accept any certificate (unsafe)'
    complete -c herald -n "__fish_seen_subcommand_from $verb" -l pin-sha256 -x -d 'accept only this certificate'
    complete -c herald -n "__fish_seen_subcommand_from $verb" -l client-cert -r -F -d 'PKCS#12 client certificate'
    complete -c herald -n "__fish_seen_subcommand_from $verb" -l proxy -xa 'system none'
    complete -c herald -n "__fish_seen_subcommand_from $verb" -l subprotocol -x
end
complete -c herald -n "__fish_seen_subcommand_from listen connect" -l no-deflate -d 'no WebSocket compression'
complete -c herald -n "__fish_seen_subcommand_from listen connect send" -l protocol -xa 'plain socketio graphql-ws sockjs mqtt mqtt5' -d 'protocol on the socket'
complete -c herald -n "__fish_seen_subcommand_from listen connect send" -l namespace -x -d 'Socket.IO namespace'
complete -c herald -n "__fish_seen_subcommand_from listen connect send" -l auth -x -d 'Socket.IO auth JSON'
complete -c herald -n "__fish_seen_subcommand_from listen connect" -l on-open -x -d 'sent after each connect'
complete -c herald -n "__fish_seen_subcommand_from connect send" -l event -x -d 'Socket.IO event to emit'
complete -c herald -n "__fish_seen_subcommand_from listen" -l json -d 'JSON lines'
complete -c herald -n "__fish_seen_subcommand_from listen" -l payloads -d 'payloads only'
complete -c herald -n "__fish_seen_subcommand_from listen connect" -s X -l method -xa 'GET POST PUT' -d 'SSE request method'
complete -c herald -n "__fish_seen_subcommand_from listen connect" -s d -l data -x -d 'SSE request body'
complete -c herald -n "__fish_seen_subcommand_from listen connect send" -l topic -x -d 'MQTT topic'
complete -c herald -n "__fish_seen_subcommand_from listen connect send" -l qos -xa '0 1' -d 'MQTT QoS'
complete -c herald -n "__fish_seen_subcommand_from listen connect send" -l client-id -x -d 'MQTT client id (persistent session)'
complete -c herald -n "__fish_seen_subcommand_from listen connect send" -l username -x -d 'MQTT user (password in HERALD_SECRET)'
complete -c herald -n "__fish_seen_subcommand_from connect send" -l retain -d 'MQTT: the broker keeps it'
complete -c herald -n "__fish_seen_subcommand_from listen connect" -l keepalive -x -d 'text sent every interval'
complete -c herald -n "__fish_seen_subcommand_from listen connect" -l answer -x -d "MATCH=>REPLY to a server's ping"
complete -c herald -n "__fish_seen_subcommand_from listen" -l count -x
complete -c herald -n "__fish_seen_subcommand_from listen" -l timeout -x
complete -c herald -n "__fish_seen_subcommand_from listen" -l no-reconnect
complete -c herald -n "__fish_seen_subcommand_from listen" -l last-event-id -x
complete -c herald -n "__fish_seen_subcommand_from listen" -l h2c
complete -c herald -n "__fish_seen_subcommand_from listen" -l preset -xa 'auto raw json ntfy gotify mercure'
complete -c herald -n "__fish_seen_subcommand_from feeds" -xa 'list add remove enable disable mute unmute path'
complete -c herald -n "__fish_seen_subcommand_from run" -l headless
complete -c herald -n "__fish_seen_subcommand_from run" -l exec -x
complete -c herald -n "__fish_seen_subcommand_from history" -l feed -x
complete -c herald -n "__fish_seen_subcommand_from history" -l search -x
complete -c herald -n "__fish_seen_subcommand_from history" -l unread
complete -c herald -n "__fish_seen_subcommand_from help" -xa "$verbs"

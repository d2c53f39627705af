#!/bin/sh
# Run by the nginx image at start (/docker-entrypoint.d/): writes nginx's real_ip settings from
# NEWSROOM_TRUSTED_PROXIES, the same setting the app reads (docs/deploy.md).
#   1 (or 0): nginx is the only proxy; its peer is the client, nothing to trust.
#   2: one load balancer or CDN in front; the last X-Forwarded-For entry (the one it added) is
#      the client. Nothing but that front end may reach nginx.
#   a list of networks: the proxies' addresses; the first address from the right outside them
#      is the client.
set -eu
out=/etc/nginx/conf.d/00-real-ip.conf
value=$(printf '%s' "${NEWSROOM_TRUSTED_PROXIES:-1}" | tr -d ' ')
case "$value" in
    0 | 1)
        : >"$out"
        ;;
    2)
        printf 'set_real_ip_from 0.0.0.0/0;\nset_real_ip_from ::/0;\nreal_ip_header X-Forwarded-For;\n' >"$out"
        ;;
    *[!0-9]*)
        printf '%s\n' "$value" | tr ',' '\n' | while read -r network; do
            [ -n "$network" ] && printf 'set_real_ip_from %s;\n' "$network"
        done >"$out"
        printf 'real_ip_header X-Forwarded-For;\nreal_ip_recursive on;\n' >>"$out"
        ;;
    *)
        echo "NEWSROOM_TRUSTED_PROXIES=$value: nginx cannot count more than one proxy in front" \
            "of it; list the proxies' networks instead (docs/deploy.md)." >&2
        exit 1
        ;;
esac

# shellcheck shell=bash
# Sourced by scenarios that watch or drop underlay packets with nftables
# (the debug kernel has nf_tables but no xt_length, so no iptables here).

# nft_drop_len NS LENGTH: drop incoming IPv4 packets of exactly LENGTH
# bytes in NS, as WireGuard's selftest does with iptables' length match.
nft_drop_len() {
	in_ns "$1" nft -f - <<-EOF
		table inet vltest {
			chain in {
				type filter hook input priority 0;
				ip length $2 drop
			}
		}
	EOF
}

# nft_count_from NS ADDR PORT: count the UDP packets from ADDR:PORT that
# reach NS; nft_counted NS ADDR then prints how many did.
nft_count_from() {
	local fam=ip
	[[ $2 == *:* ]] && fam=ip6
	in_ns "$1" nft -f - <<-EOF
		table inet vlsrc {
			chain in {
				type filter hook input priority 0;
				$fam saddr $2 udp sport $3 counter
			}
		}
	EOF
}
nft_counted() {
	in_ns "$1" nft list table inet vlsrc |
		awk -v a="$2" '$0 ~ "saddr " a " " { for (i = 1; i < NF; i++) if ($i == "packets") print $(i + 1) }'
}

# Sluice developer targets. The README's test command is `scripts/test`; `make test` runs the same.
.PHONY: test fuzz bench build

FUZZTIME ?= 60s

build:
	go build ./...

test:
	scripts/test

# Runs every fuzz target for FUZZTIME each (e.g. `make fuzz FUZZTIME=5m`).
fuzz:
	@for pkg in $$(go list ./...); do \
	  for target in $$(go test -list '^Fuzz' $$pkg | grep '^Fuzz'); do \
	    echo "== $$pkg $$target"; \
	    go test -run '^$$' -fuzz "^$$target$$" -fuzztime $(FUZZTIME) $$pkg || exit 1; \
	  done; \
	done

bench:
	go test -run '^$$' -bench . -benchmem ./...

# l2console: plain GNU make.  `make` builds ./l2console; `make check`
# installs what is missing, builds everything again with ASan+UBSan and
# runs every test; `make demo` opens l2console on a namespace lab.

PROG		= l2console
VERSION		= 0.1.0
PREFIX		?= /usr/local
BINDIR		?= $(PREFIX)/bin
MANDIR		?= $(PREFIX)/share/man
BASHCOMPDIR	?= $(PREFIX)/share/bash-completion/completions
ZSHCOMPDIR	?= $(PREFIX)/share/zsh/site-functions
UNITDIR		?= $(PREFIX)/lib/systemd/system
DESTDIR		?=
SETCAP		?= 1
BUILD		?= build
DEBDIR		?= $(BUILD)/deb
FUZZ_SECONDS	?= 10
CC		?= cc
FUZZCC		?= clang

PKGS		= libpcap libcrypto ncursesw vterm lua5.4
PKG_CFLAGS	:= $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS	:= $(shell pkg-config --libs $(PKGS) 2>/dev/null)
# Debian 12's libnet ships no .pc file; fall back to its own script.
NET_LIBS	:= $(shell pkg-config --libs libnet 2>/dev/null || \
		    libnet-config --libs 2>/dev/null || echo -lnet)

CFLAGS		?= -O2 -g
WARNFLAGS	= -Wall -Wextra -Werror -Wshadow -Wpointer-arith \
		  -Wmissing-prototypes -Wstrict-prototypes -Wformat=2
L2C_CPPFLAGS	= -std=c11 -D_GNU_SOURCE -DL2C_VERSION=\"$(VERSION)\" \
		  -Isrc $(PKG_CFLAGS)
SANFLAGS	= -fsanitize=address,undefined -fno-omit-frame-pointer \
		  -fno-sanitize-recover=undefined
LDLIBS		= $(PKG_LIBS) $(NET_LIBS) -lutil -lm

SRCS		:= $(sort $(wildcard src/core/*.c src/mac/*.c src/mop/*.c src/disc/*.c \
		    src/ui/*.c \
		    src/ui/*/*.c))
MAIN_SRC	:= $(firstword $(wildcard src/ui/main.c src/ui/*/main.c))
LIB_SRCS	:= $(filter-out $(MAIN_SRC),$(SRCS))
UNIT_SRCS	:= $(sort $(wildcard tests/unit/*/test_*.c))
UNIT_LIB_SRCS	:= $(sort $(wildcard tests/unit/lib/*.c))
TOOL_SRCS	:= $(sort $(wildcard tests/tools/*.c))
TOOL_LIB_SRCS	:= $(sort $(wildcard tests/tools/lib/*.c))
FUZZ_SRCS	:= $(sort $(wildcard tests/fuzz/fuzz_*.c))
FUZZ_RIG_SRCS	:= $(sort $(wildcard tests/fuzz/lib/*.c))

REL		= $(BUILD)/rel
SAN		= $(BUILD)/san
FZ		= $(BUILD)/fuzz

REL_OBJS	= $(SRCS:%.c=$(REL)/%.o)
SAN_LIB_OBJS	= $(LIB_SRCS:%.c=$(SAN)/%.o)
UNIT_LIB_OBJS	= $(UNIT_LIB_SRCS:%.c=$(SAN)/%.o)
TOOL_LIB_OBJS	= $(TOOL_LIB_SRCS:%.c=$(SAN)/%.o)
UNIT_BINS	= $(UNIT_SRCS:%.c=$(SAN)/%)
TOOL_BINS	= $(TOOL_SRCS:%.c=$(SAN)/%)
FUZZ_LIB_OBJS	= $(LIB_SRCS:%.c=$(FZ)/%.o)
FUZZ_BINS	= $(FUZZ_SRCS:%.c=$(FZ)/%)
FUZZ_RIG_OBJS	= $(FUZZ_RIG_SRCS:%.c=$(FZ)/%.o)

ifeq ($(V),1)
Q =
msg = @true
else
Q = @
msg = @printf '  %-6s %s\n' $(1) $(2)
endif

.PHONY: all deps check unit lab demo bench fuzz fuzz-build install deb clean
.DEFAULT_GOAL := all

all: $(PROG)

deps:
	@sh contrib/deps.sh

$(PROG): $(REL_OBJS)
	$(call msg,LD,$@)
	$(Q)$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(REL)/%.o: %.c
	@mkdir -p $(@D)
	$(call msg,CC,$<)
	$(Q)$(CC) $(L2C_CPPFLAGS) $(CPPFLAGS) $(CFLAGS) $(WARNFLAGS) -MMD -MP -c -o $@ $<

$(SAN)/%.o: %.c
	@mkdir -p $(@D)
	$(call msg,CC,$<)
	$(Q)$(CC) $(L2C_CPPFLAGS) $(CPPFLAGS) -O1 -g $(SANFLAGS) $(WARNFLAGS) -MMD -MP -c -o $@ $<

$(SAN)/$(PROG): $(MAIN_SRC:%.c=$(SAN)/%.o) $(SAN_LIB_OBJS)
	$(call msg,LD,$@)
	$(Q)$(CC) $(SANFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(SAN)/tests/unit/%: $(SAN)/tests/unit/%.o $(UNIT_LIB_OBJS) $(SAN_LIB_OBJS)
	$(call msg,LD,$@)
	$(Q)$(CC) $(SANFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS) -lcmocka

$(SAN)/tests/tools/%: $(SAN)/tests/tools/%.o $(TOOL_LIB_OBJS) $(SAN_LIB_OBJS)
	$(call msg,LD,$@)
	$(Q)$(CC) $(SANFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(FZ)/%.o: %.c
	@mkdir -p $(@D)
	$(call msg,FZCC,$<)
	$(Q)$(FUZZCC) $(L2C_CPPFLAGS) -O1 -g -fsanitize=fuzzer-no-link,address,undefined $(WARNFLAGS) -Wno-unused-command-line-argument -MMD -MP -c -o $@ $<

$(FZ)/tests/fuzz/%: $(FZ)/tests/fuzz/%.o $(FUZZ_RIG_OBJS) $(FUZZ_LIB_OBJS)
	$(call msg,LD,$@)
	$(Q)$(FUZZCC) -fsanitize=fuzzer,address,undefined -o $@ $^ $(LDLIBS)

# The test build: the program, unit tests and lab tools, all sanitized.
test-build: $(SAN)/$(PROG) $(UNIT_BINS) $(TOOL_BINS)

fuzz-build: $(FUZZ_BINS)

check: deps
	@$(MAKE) --no-print-directory test-build fuzz-build
	@bash tests/run.sh $(SAN) $(FZ)

unit: deps
	@$(MAKE) --no-print-directory test-build
	@bash tests/run.sh --only unit $(SAN) $(FZ)

lab: deps
	@$(MAKE) --no-print-directory test-build
	@bash tests/run.sh --only lab $(SAN) $(FZ)

fuzz: deps
	@$(MAKE) --no-print-directory fuzz-build
	@bash tests/fuzz/run.sh $(FZ) $(FUZZ_SECONDS)

demo: deps
	@$(MAKE) --no-print-directory all
	@bash tests/lab/demo.sh ./$(PROG)

bench: deps
	@$(MAKE) --no-print-directory all
	@bash tests/bench/run.sh ./$(PROG)

# The unit names /usr/bin/l2console; its copy names the one installed.
install: $(PROG)
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 \
	    $(DESTDIR)$(BASHCOMPDIR) $(DESTDIR)$(ZSHCOMPDIR) $(DESTDIR)$(UNITDIR)
	install -m 0755 $(PROG) $(DESTDIR)$(BINDIR)/$(PROG)
	install -m 0644 docs/$(PROG).1 $(DESTDIR)$(MANDIR)/man1/$(PROG).1
	install -m 0644 contrib/completion/$(PROG).bash $(DESTDIR)$(BASHCOMPDIR)/$(PROG)
	install -m 0644 contrib/completion/_$(PROG) $(DESTDIR)$(ZSHCOMPDIR)/_$(PROG)
	sed '/^ExecStart=/s|/usr/bin/$(PROG) |$(BINDIR)/$(PROG) |' \
	    contrib/systemd/$(PROG)-serve@.service > $(BUILD)/$(PROG)-serve@.service
	install -m 0644 $(BUILD)/$(PROG)-serve@.service $(DESTDIR)$(UNITDIR)/
	@if [ "$(SETCAP)" = 1 ] && [ "$$(id -u)" = 0 ]; then \
		setcap cap_net_raw+ep $(DESTDIR)$(BINDIR)/$(PROG) && \
		echo "  SETCAP cap_net_raw+ep $(DESTDIR)$(BINDIR)/$(PROG)"; \
	fi

# A .deb of what git tracks (uncommitted edits in, untracked files out),
# built in a copy with contrib/debian as debian/; it lands in $(DEBDIR).
# MAKEFLAGS stays out: variables given to this make must not reach the
# package's own build.
deb:
	rm -rf $(DEBDIR)/$(PROG)-$(VERSION)
	mkdir -p $(DEBDIR)
	rev=$$(git stash create) && git archive --prefix=$(PROG)-$(VERSION)/ \
	    $${rev:-HEAD} | tar -x -C $(DEBDIR)
	cp -R $(DEBDIR)/$(PROG)-$(VERSION)/contrib/debian $(DEBDIR)/$(PROG)-$(VERSION)/debian
	cd $(DEBDIR)/$(PROG)-$(VERSION) && \
	    env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL dpkg-buildpackage -b -us -uc

clean:
	rm -rf $(BUILD) $(PROG)

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)

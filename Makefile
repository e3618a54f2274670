# make                  release build of osbsctl (Swift runtime linked statically, so no $ORIGIN rpath)
# make install          install the binary, man pages and completions (scripts/install)
# make uninstall        remove them
# make dist             osbsctl-VERSION.tar.gz from the committed tree, for osbsctl.spec
# make rpm              build the RPMs from that tarball (rpmbuild -ta $(RPMBUILD_FLAGS); on Debian, where
#                       rpm knows no installed packages: make rpm RPMBUILD_FLAGS=--nodeps)
#
# PREFIX (/usr/local) and DESTDIR are honoured; OSBSCTL_BIN=path installs that binary without building.

PREFIX ?= /usr/local
DESTDIR ?=
SWIFT ?= swift
# The metadata flag: code gets a generic type's metadata from its accessor, with the conformances in hand,
# instead of by mangled name, for which the runtime demangles the name and finds each conformance the type
# requires by scanning all of the binary's conformance records, the first time. That was a fifth of a
# cordon's start-up (bench/README.md, Profiles, round five); it applies to every module, dependencies too.
# --no-export-dynamic undoes the -export-dynamic that --static-swift-stdlib's link adds: it put every public
# symbol of osbsctl's own modules (12,800) in the dynamic symbol table, which the Swift runtime's start-up
# dladdr() walks one by one (0.43 M instructions of every command; nothing looks a symbol up in it).
SWIFT_BUILD_FLAGS ?= -c release --static-swift-stdlib --disable-local-rpath \
  -Xswiftc -Xfrontend -Xswiftc -disable-concrete-type-metadata-mangled-name-accessors \
  -Xlinker --no-export-dynamic
RPMBUILD_FLAGS ?=
VERSION := $(shell sed -n 's/.*static let string = "\(.*\)"/\1/p' Sources/OSBSCtlCLI/OSBSCtlVersion.swift)

export PREFIX DESTDIR BINDIR MANDIR DATADIR

.PHONY: all build install uninstall dist rpm print-build-flags

all: build

build:
ifeq ($(OSBSCTL_BIN),)
	$(SWIFT) build $(SWIFT_BUILD_FLAGS) --product osbsctl
endif

# The release flags, for scripts that build elsewhere (bench/run builds into its own scratch path).
print-build-flags:
	@echo $(SWIFT_BUILD_FLAGS)

install: build
	OSBSCTL_BIN="$(if $(OSBSCTL_BIN),$(OSBSCTL_BIN),$$($(SWIFT) build $(SWIFT_BUILD_FLAGS) --show-bin-path)/osbsctl)" \
	  scripts/install

uninstall:
	scripts/install --uninstall

dist:
	git archive --format=tar.gz --prefix=osbsctl-$(VERSION)/ -o osbsctl-$(VERSION).tar.gz HEAD
	@echo osbsctl-$(VERSION).tar.gz

rpm: dist
	rpmbuild -ta $(RPMBUILD_FLAGS) osbsctl-$(VERSION).tar.gz

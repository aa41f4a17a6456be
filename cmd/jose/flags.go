package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
)

// errHelp is returned for -h: the flags were printed, and the exit status
// is 0.
var errHelp = errors.New("help requested")

// flags is the flag set of one command. Besides the flags themselves it
// records what shell completion needs: the values a flag takes and the
// flags that name a file.
type flags struct {
	*flag.FlagSet
	cmd    *command
	values map[string][]string // flag name → the values it takes
	files  map[string]bool     // flag names whose value is a file
}

// newFlags makes the flag set of a command. Parse errors are reported by
// parseArgs as one line, not by the flag package.
func newFlags(c *command) *flags {
	fs := flag.NewFlagSet("jose "+c.name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	return &flags{FlagSet: fs, cmd: c, values: map[string][]string{}, files: map[string]bool{}}
}

// file defines a flag whose value is a file name.
func (fs *flags) file(name, usage string) *string {
	fs.files[name] = true
	return fs.String(name, "", usage)
}

// files defines a flag naming a file that may be given several times.
func (fs *flags) fileList(name, usage string) *listFlag {
	fs.files[name] = true
	l := new(listFlag)
	fs.Var(l, name, usage)
	return l
}

// enum defines a string flag and the values it takes, for completion (a
// list flag of algorithms may take other registered names too).
func (fs *flags) enum(name, value, usage string, values []string) *string {
	fs.values[name] = values
	return fs.String(name, value, usage)
}

// enumList is enum for a flag that may be given several times.
func (fs *flags) enumList(name, usage string, values []string) *listFlag {
	fs.values[name] = values
	l := new(listFlag)
	fs.Var(l, name, usage)
	return l
}

// given reports whether the flag was set on the command line.
func (fs *flags) given(name string) bool {
	set := false
	fs.Visit(func(f *flag.Flag) { set = set || f.Name == name })
	return set
}

// parseArgs parses flags, which may come before or after the FILE argument,
// and returns FILE ("" for standard input). More than one FILE is an error.
func parseArgs(e *env, fs *flags, args []string) (string, error) {
	var files []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				printHelp(e.stderr, fs)
				return "", errHelp
			}
			return "", usagef("%w; run 'jose %s -h' for its flags", err, fs.cmd.name)
		}
		rest := fs.Args()
		if len(rest) == 0 {
			break
		}
		if n := len(args) - len(rest); n > 0 && args[n-1] == "--" {
			files = append(files, rest...) // everything after "--" is a file
			break
		}
		files = append(files, rest[0])
		args = rest[1:]
	}
	if len(files) > 1 {
		return "", usagef("one FILE at most, got %d (%s)", len(files), strings.Join(files, ", "))
	}
	if len(files) == 1 && files[0] != "-" {
		return files[0], nil
	}
	return "", nil
}

// printHelp prints what -h shows: the synopsis, the flags and the
// command's note.
func printHelp(w io.Writer, fs *flags) {
	fmt.Fprintf(w, "usage: jose %s %s\n\n%s.\n\n", fs.cmd.name, fs.cmd.synopsis, upperFirst(fs.cmd.summary))
	fs.SetOutput(w)
	fs.PrintDefaults()
	fs.SetOutput(io.Discard)
	if fs.cmd.note != "" {
		fmt.Fprintf(w, "\n%s\n", fs.cmd.note)
	}
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// listFlag is a flag that may be given several times.
type listFlag []string

func (l *listFlag) String() string     { return strings.Join(*l, ",") }
func (l *listFlag) Set(v string) error { *l = append(*l, v); return nil }

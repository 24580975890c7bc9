package main

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"gazette/internal/testenv"
)

// TestMain lets the scripts under testdata/script run "gazette" as a real
// program: the test binary re-executes itself as the command.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"gazette": func() { os.Exit(run(context.Background(), os.Args[1:], os.Stdout, os.Stderr)) },
	})
}

// TestScript runs every testdata/script/*.txtar. Each script is a small
// site and the commands a content editor would type; see the comments in
// the scripts. Run with -update to rewrite the expected outputs of cmp.
func TestScript(t *testing.T) {
	corpus, err := filepath.Abs(corpusDir)
	if err != nil {
		t.Fatal(err)
	}
	hugo := testenv.ModuleVersion(t, "github.com/gohugoio/hugo")
	testscript.Run(t, testscript.Params{
		Dir: "testdata/script",
		Setup: func(env *testscript.Env) error {
			// The Hugo version go.mod asks for, which gazette version
			// must report.
			env.Setenv("HUGO_VERSION", hugo)
			return nil
		},
		UpdateScripts:       *update,
		RequireExplicitExec: true,
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			// corpus CASE DIR copies a case of the bad-input corpus
			// (without its want.txt) into DIR.
			"corpus": func(ts *testscript.TestScript, neg bool, args []string) {
				if neg || len(args) != 2 {
					ts.Fatalf("usage: corpus CASE DIR")
				}
				if err := copyCase(filepath.Join(corpus, args[0]), ts.MkAbs(args[1])); err != nil {
					ts.Fatalf("corpus: %v", err)
				}
			},
		},
	})
}

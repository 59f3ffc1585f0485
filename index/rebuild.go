package index

import (
	"context"
	"errors"
	"fmt"
	"os"
)

// Rebuild builds a fresh index of args beside the one at indexPath (in
// indexPath+".rebuild") and, when that build succeeds, swaps it in
// atomically (renameat2 RENAME_EXCHANGE, or two renames where the file
// system lacks it) and deletes the old one. Until then the old index
// stays as it was, damaged or not. An interrupted or failed rebuild
// leaves the old index in place and deletes the new one.
func Rebuild(ctx context.Context, indexPath string, args []string, opt BuildOptions) (*BuildStats, error) {
	tmp := indexPath + ".rebuild"
	if err := os.RemoveAll(tmp); err != nil {
		return nil, fmt.Errorf("index %s: rebuild: %w", indexPath, err)
	}
	if opt.Shards == 0 {
		if n, _ := readShardCount(indexPath); n > 0 {
			opt.Shards = n // keep the layout
		}
	}
	st, err := Build(ctx, tmp, args, opt)
	if err != nil || st == nil || st.Interrupted {
		os.RemoveAll(tmp)
		if err == nil && st != nil {
			err = errors.New("interrupted: the old index is unchanged")
		}
		return st, fmt.Errorf("index %s: rebuild: %w", indexPath, err)
	}
	if err := swapIn(tmp, indexPath); err != nil {
		os.RemoveAll(tmp)
		return st, fmt.Errorf("index %s: rebuild: swapping the new index in: %w", indexPath, err)
	}
	return st, nil
}

// swapIn puts the directory tmp in the place of path: exchanged
// atomically with the old one, which is then removed.
func swapIn(tmp, path string) error {
	if _, err := os.Lstat(path); errors.Is(err, os.ErrNotExist) {
		return os.Rename(tmp, path)
	}
	if exchange(tmp, path) == nil {
		return os.RemoveAll(tmp) // now the old index
	}
	// No RENAME_EXCHANGE here: two renames, with a moment without an
	// index at path (the old one is kept as path+".old" until the new
	// one is in place).
	old := path + ".old"
	if err := os.RemoveAll(old); err != nil {
		return err
	}
	if err := os.Rename(path, old); err != nil {
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Rename(old, path)
		return err
	}
	return os.RemoveAll(old)
}

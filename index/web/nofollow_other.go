//go:build !unix

package web

// oNoFollow: no such open flag here. openIndexed still refuses a file
// replaced by a symbolic link: the link (Lstat) and the file opened
// (Stat) are not the same file.
const oNoFollow = 0

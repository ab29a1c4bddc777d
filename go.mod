module github.com/sluicemedia/sluice

go 1.26

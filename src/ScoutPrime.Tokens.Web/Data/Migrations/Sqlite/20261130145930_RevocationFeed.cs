using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ScoutPrime.Tokens.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class RevocationFeed : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "RevocationFeed",
                columns: table => new
                {
                    Seq = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    OwnerId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    TokenId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Reason = table.Column<string>(type: "TEXT", unicode: false, maxLength: 64, nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RevocationFeed", x => x.Seq);
                });

            migrationBuilder.CreateIndex(
                name: "IX_RevocationFeed_At",
                table: "RevocationFeed",
                column: "At");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "RevocationFeed");
        }
    }
}

using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ScoutPrime.Tokens.Web.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class TokenPolicies : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "FirstRevealedAt",
                table: "ApiTokens",
                type: "datetimeoffset",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "TokenPolicies",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false),
                    MaxTimeoutDays = table.Column<int>(type: "int", nullable: false),
                    MaxPerUser = table.Column<int>(type: "int", nullable: false),
                    IdleRevocationDays = table.Column<int>(type: "int", nullable: true),
                    Reveal = table.Column<int>(type: "int", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    UpdatedBy = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TokenPolicies", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ApiTokens_CreatedAt",
                table: "ApiTokens",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_ApiTokens_ExpiresAt",
                table: "ApiTokens",
                column: "ExpiresAt");

            migrationBuilder.CreateIndex(
                name: "IX_ApiTokens_LastUsedAt",
                table: "ApiTokens",
                column: "LastUsedAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "TokenPolicies");

            migrationBuilder.DropIndex(
                name: "IX_ApiTokens_CreatedAt",
                table: "ApiTokens");

            migrationBuilder.DropIndex(
                name: "IX_ApiTokens_ExpiresAt",
                table: "ApiTokens");

            migrationBuilder.DropIndex(
                name: "IX_ApiTokens_LastUsedAt",
                table: "ApiTokens");

            migrationBuilder.DropColumn(
                name: "FirstRevealedAt",
                table: "ApiTokens");
        }
    }
}
